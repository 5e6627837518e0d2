using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ClinicBooking.Web.Infrastructure;

/// <summary>
/// A form sent back with field messages answers 400, not 200, on every controller and Razor Page (Identity UI's
/// own pages included): the request was refused, and monitoring and tests can tell.
/// </summary>
public sealed class InvalidFormStatusFilter : IAlwaysRunResultFilter
{
    public void OnResultExecuting(ResultExecutingContext context)
    {
        var response = context.HttpContext.Response;
        if (HttpMethods.IsPost(context.HttpContext.Request.Method) && !context.ModelState.IsValid
            && context.Result is PageResult or ViewResult && response.StatusCode == StatusCodes.Status200OK)
        {
            response.StatusCode = StatusCodes.Status400BadRequest;
        }
    }

    public void OnResultExecuted(ResultExecutedContext context)
    {
    }
}
