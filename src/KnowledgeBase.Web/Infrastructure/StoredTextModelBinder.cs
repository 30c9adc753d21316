using KnowledgeBase.Domain;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Binders;

namespace KnowledgeBase.Web.Infrastructure;

/// <summary>
/// Every string bound from a form, a query or the route is cleaned by <see cref="StoredText.Clean"/>
/// before validation and before any action sees it: a NUL or another control character typed or
/// forged into a field never reaches the database, whichever provider it is.
/// </summary>
internal sealed class StoredTextModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Metadata.ModelType != typeof(string)) return null;
        // Values from the value providers only (headers, bodies and services have binders of their own).
        var source = context.BindingInfo.BindingSource;
        if (source is not null && source != BindingSource.Form && source != BindingSource.Query && source != BindingSource.Path && source != BindingSource.ModelBinding) return null;
        return new StoredTextModelBinder(new SimpleTypeModelBinder(typeof(string), context.Services.GetRequiredService<ILoggerFactory>()));
    }

    private sealed class StoredTextModelBinder(IModelBinder inner) : IModelBinder
    {
        public async Task BindModelAsync(ModelBindingContext bindingContext)
        {
            await inner.BindModelAsync(bindingContext);
            if (bindingContext.Result is { IsModelSet: true, Model: string value } && StoredText.NeedsCleaning(value))
                bindingContext.Result = ModelBindingResult.Success(StoredText.Clean(value));
        }
    }
}
